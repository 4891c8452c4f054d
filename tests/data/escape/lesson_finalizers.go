package main

import (
	"runtime"
	"time"
)

type Buffer struct {
	next *Buffer
	data [56]byte
}

type File struct {
	buf *Buffer
	fd  int
}

var f, g *File

func closeFile(x *File) {
	_ = x.fd // close the descriptor
}

func main() {
	f = &File{}       // F: has a finalizer
	f.buf = &Buffer{} // B: reachable only through F
	runtime.SetFinalizer(f, closeFile)
	g = &File{}                  // T: F's twin, without a finalizer
	g.buf = &Buffer{}            // U: reachable only through T
	f, g = nil, nil              // both files are garbage now
	runtime.GC()                 // T and U are freed; F is resurrected, with B
	time.Sleep(time.Millisecond) // the finalizer goroutine runs closeFile(F)
	runtime.GC()                 // F has no finalizer any more: F and B are freed
}
