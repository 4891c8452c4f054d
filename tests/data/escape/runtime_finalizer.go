package main

import "runtime"

type File struct{ fd int }

func closeFile(f *File) {
	f.fd = -1
}

func main() {
	f := &File{fd: 3}
	runtime.SetFinalizer(f, closeFile)
	g := &File{fd: 4}
	runtime.SetFinalizer(g, func(x *File) { x.fd = 0 })
	runtime.GC()
}
