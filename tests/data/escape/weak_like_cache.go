package main

import "runtime"

type Image struct {
	next   *Image
	pixels [1016]byte
}

var cache []*Image

func load(n int) *Image {
	img := &Image{}
	img.pixels[0] = byte(n)
	return img
}

func main() {
	for i := 0; i < 4; i++ {
		cache = append(cache, load(i))
	}
	cache = cache[:1]
	runtime.GC()
	println(len(cache), cache[0].pixels[0])
}
