// large-live: a 64 MiB live heap of 128-byte items (two pointers each,
// chained into 1024 lists of 512), then 2 GiB of garbage in 512-byte
// messages with four (nil) pointer words. Marking is long and the lists are
// deep; the goal is far above the 4 MiB minimum from the first cycles on.
// Mirrored by scenario.json (same types, same counts, same stores).
package main

import "time"

type item struct {
	left, right *item // ptrdata 16 of 128 bytes
	key         [14]uint64
}

type row struct {
	items [512]*item // 4 KiB
}

type table struct {
	rows [1024]*row // 8 KiB
}

type msg struct {
	a, b, c, d *item // ptrdata 32 of 512 bytes
	body       [60]uint64
}

var live *table // 1024 x (4 KiB + 512 x 128 B) = 68 MiB
var sink *msg   // the last garbage message

func main() {
	start := time.Now()
	live = new(table)
	for j := 0; j < len(live.rows); j++ {
		r := new(row)
		live.rows[j] = r
		var prev *item
		for i := 0; i < len(r.items); i++ {
			it := new(item)
			r.items[i] = it
			it.left = prev
			prev = it
		}
	}
	for n := 0; n < 4<<20; n++ { // 4 Mi x 512 B = 2 GiB of garbage
		sink = new(msg)
	}
	report(start)
}
