package main // Go 1.24 or later: package weak

import (
	"runtime"
	"weak"
)

type Image struct {
	next   *Image
	pixels [1016]byte
}

var img *Image                // a strong pointer: keeps the image alive
var cache weak.Pointer[Image] // a weak pointer: does not

func main() {
	var p *Image
	img = &Image{}         // I
	cache = weak.Make(img) // a weak handle that refers to I
	runtime.GC()           // I survives: img still points to it
	p = cache.Value()      // p == I
	p = nil
	img = nil         // only the weak pointer still refers to I
	runtime.GC()      // I is freed and the weak handle is cleared
	p = cache.Value() // p == nil: the program must load the image again
	_ = p
}
