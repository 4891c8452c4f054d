package main

import (
	"runtime"
	"time"
)

type Obj struct {
	ref *Obj
	val int
}

var root *Obj

// An idle connection handler: a small stack, parked in Sleep.
func handler() {
	time.Sleep(time.Second)
}

func main() {
	for i := 0; i < 100; i++ {
		go handler() // 100 goroutines: 100 stacks to re-scan
	}
	root = &Obj{}     // A
	root.ref = &Obj{} // C: reachable only through A
	var c *Obj
	// a cycle starts; the collector scans main's stack: black
	c = root.ref   // stack write: no barrier in any Go version
	root.ref = nil // Dijkstra shades the new value (nil): nothing shades C
	runtime.GC()   // Go 1.7: every stack is re-scanned with the world stopped
	root.ref = c   // without the re-scan, c would point to a freed object
}
