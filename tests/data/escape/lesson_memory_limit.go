package main

type Buf struct {
	data [1024]byte
} // 1 KiB, no pointers

type Row struct {
	items [256]*Buf
} // 256 KiB of buffers per row

type Cache struct {
	rows [76]*Row
}

var cache *Cache // grows to 76 rows: 19 MiB live
var req *Buf     // the request being handled

// Run with GOGC=off GOMEMLIMIT=20MiB: no cycle until the heap nears the
// limit, then more and more often as the live heap approaches it.
func main() {
	cache = new(Cache)
	for j := 0; j < 76; j++ {
		cache.rows[j] = new(Row)
		for i := 0; i < 256; i++ { // 256 KiB more live data
			cache.rows[j].items[i] = new(Buf)
		}
		for n := 0; n < 512; n++ { // 512 KiB of garbage
			req = new(Buf)
		}
	}
}
