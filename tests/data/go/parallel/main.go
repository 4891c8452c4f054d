// parallel: four goroutines allocate at the same time, each keeping 2 MiB
// live in 128-byte items and allocating 128 MiB of garbage items (8 MiB live,
// 512 MiB of garbage in all). With GOMAXPROCS=4 every P allocates;
// with 1 they take turns.
// Mirrored by scenario.json: done.Wait() becomes a long sleep of main.
package main

import (
	"sync"
	"time"
)

type item struct {
	next *item // ptrdata 8 of 128 bytes
	val  [15]uint64
}

type table struct {
	items [16384]*item // 128 KiB
	sink  *item        // the worker's last garbage item
}

type tables struct {
	t [4]*table
}

var all *tables
var done sync.WaitGroup

func worker(t *table) {
	for i := 0; i < len(t.items); i++ { // 16384 x 128 B = 2 MiB live
		t.items[i] = new(item)
	}
	for n := 0; n < 1<<20; n++ { // 1 Mi x 128 B = 128 MiB of garbage
		t.sink = new(item)
	}
	done.Done()
}

func main() {
	start := time.Now()
	all = new(tables)
	done.Add(4)
	for w := 0; w < 4; w++ {
		all.t[w] = new(table)
		go worker(all.t[w])
	}
	done.Wait()
	report(start)
}
