// buffers: pointer-free 1 KiB buffers, 8 MiB of them live, then 512 MiB of
// garbage buffers. Marking a noscan object only sets its mark bit, so almost
// all the mark work is the 64 KiB table of pointers.
// Mirrored by scenario.json (same types, same counts).
package main

import "time"

type buf struct {
	data [1024]byte // no pointers: allocated in noscan spans
}

type table struct {
	items [8192]*buf // 64 KiB of pointers
}

var live *table // 8192 x 1 KiB = 8 MiB of buffers
var sink *buf   // the last garbage buffer

func main() {
	start := time.Now()
	live = new(table)
	for i := 0; i < len(live.items); i++ {
		live.items[i] = new(buf)
	}
	for n := 0; n < 512<<10; n++ { // 512 Ki x 1 KiB = 512 MiB of garbage
		sink = new(buf)
	}
	report(start)
}
