// goroutines: 512 goroutines each recurse 32 frames deep, every frame
// holding a 448-byte struct on the stack that points to a 128-byte heap
// item, then park for good (as connections blocked in a read would). Then
// main keeps 4 MiB live in 128-byte items and allocates 512 MiB of garbage
// items. The stacks (~15 KiB scanned per goroutine, ~7.6 MiB in all) weigh
// in the heap goal and in every cycle's root marking.
// Mirrored by scenario.json: the recursion becomes a chain of 32 functions
// d31 -> d0 (scenarios have no conditionals) and ready.Wait() a sleep.
package main

import (
	"sync"
	"time"
)

type item struct {
	next *item // ptrdata 8 of 128 bytes
	pad  [15]uint64
}

type frame struct {
	link *item
	pad  [55]uint64 // 448 bytes, on deep's stack frame
}

type table struct {
	items [32768]*item // 256 KiB of pointers
}

var live *table // 32768 x 128 B = 4 MiB of items
var sink *item
var ready sync.WaitGroup
var block = make(chan struct{}) // never closed: the goroutines stay parked

//go:noinline
func newItem() *item { return new(item) }

//go:noinline
func keep(f *frame) {
	if f.link == nil {
		panic("lost")
	}
}

func deep(d int) {
	var f frame // does not escape: lives in the frame
	f.link = newItem()
	if d > 0 {
		deep(d - 1)
	} else {
		ready.Done()
		<-block
	}
	keep(&f)
}

func main() {
	start := time.Now()
	ready.Add(512)
	for g := 0; g < 512; g++ {
		go deep(31) // 32 frames: d = 31 .. 0
	}
	ready.Wait()
	live = new(table)
	for i := 0; i < len(live.items); i++ {
		live.items[i] = new(item)
	}
	for n := 0; n < 4<<20; n++ { // 4 Mi x 128 B = 512 MiB of garbage
		sink = new(item)
	}
	report(start)
}
