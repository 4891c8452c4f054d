package main

import "runtime"

type Point struct {
	next *Point
	x, y int
}

var saved *Point // a global: it lives as long as the program

func newPoint() *Point {
	p := &Point{} // R: returned to the caller, so it escapes to the heap
	return p
}

func length() int {
	d := &Point{x: 3, y: 4} // D: never leaves length, so it stays in the frame
	return d.x*d.x + d.y*d.y
}

func main() {
	s := &Point{}         // S: does not escape: lives in main's frame
	length()              // D vanished when length returned: no GC needed
	s.next = newPoint()   // a stack object may point into the heap
	saved = &Point{}      // G: stored in a global, so it escapes
	saved.next = &Point{} // H: stored in a heap object, so it escapes
	saved = nil           // G and H are unreachable now, but still in memory
	runtime.GC()          // frees G and H; R stays: S, on the stack, points to it
}
