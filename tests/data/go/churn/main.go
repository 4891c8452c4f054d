// churn: about 8 MiB live in 64-byte nodes, then 256 MiB of garbage in
// 64-byte nodes, one at a time. The classic steady state: the live heap
// stays put, every cycle marks the same 9 MiB and frees the garbage.
// Mirrored by scenario.json (same types, same counts).
package main

import "time"

type node struct {
	next *node     // one pointer word: ptrdata 8 of 64 bytes
	pad  [7]uint64 // 56 bytes of scalars
}

type table struct {
	items [131072]*node // 1 MiB of pointers: one large object
}

var live *table // 131072 x 64 B = 8 MiB of nodes, plus the 1 MiB table
var sink *node  // the last garbage node

func main() {
	start := time.Now()
	live = new(table)
	for i := 0; i < len(live.items); i++ {
		live.items[i] = new(node)
	}
	for n := 0; n < 4<<20; n++ { // 4 Mi x 64 B = 256 MiB of garbage
		sink = new(node)
	}
	report(start)
}
