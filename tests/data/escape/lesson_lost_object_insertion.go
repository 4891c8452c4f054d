package main

import (
	"runtime"
	"time"
)

type Node struct {
	next *Node
	val  int
}

var root *Node

func main() {
	go worker()
	// a cycle starts; the collector scans the globals and main's stack
	a := &Node{} // A: allocated while marking, so black at once
	root = a
	time.Sleep(time.Second) // main stays alive while worker finishes
}

func worker() {
	c := &Node{} // C: allocated before the cycle (white); only this stack points to it
	// ... until main has published A ...
	root.next = c // heap write into black A: the old value is nil, the new one is C
	c = nil       // stack write: no barrier; now only black A points to C
	runtime.GC()
	c = root.next // without the insertion half, C was freed: a dangling pointer
	_ = c
}
