package main

type Buf struct {
	data [1024]byte
} // 1 KiB, no pointers

type Cache struct {
	items [4096]*Buf
} // 32 KiB of pointers

var cache *Cache // the live set: about 4 MiB
var req *Buf     // the request being handled

func main() {
	cache = new(Cache)
	for i := 0; i < 4096; i++ {
		cache.items[i] = new(Buf)
	}
	for n := 0; n < 32768; n++ { // 32 MiB of short-lived buffers
		req = new(Buf) // the previous request's buffer is garbage now
	}
}
