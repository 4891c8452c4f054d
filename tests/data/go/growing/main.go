// growing: the live heap grows steadily from nothing to 34 MiB: 256 rounds,
// each adding a row of 1024 live 128-byte items (136 KiB) and 1 MiB of
// garbage items. The goal follows the live heap up; under a memory limit
// cycles come closer together as the live heap nears it.
// Mirrored by scenario.json (same types, same counts).
package main

import "time"

type item struct {
	next *item // ptrdata 8 of 128 bytes
	val  [15]uint64
}

type row struct {
	items [1024]*item // 8 KiB
}

type cache struct {
	rows [256]*row // 2 KiB
}

var live *cache // grows to 256 x (8 KiB + 128 KiB) = 34 MiB
var sink *item  // the last garbage item

func main() {
	start := time.Now()
	live = new(cache)
	for j := 0; j < len(live.rows); j++ {
		r := new(row)
		live.rows[j] = r
		for i := 0; i < len(r.items); i++ {
			r.items[i] = new(item)
		}
		for n := 0; n < 8192; n++ { // 8192 x 128 B = 1 MiB of garbage per round
			sink = new(item)
		}
	}
	report(start)
}
