// Reference program for tricolor's pacer tests: keeps ~9 MiB live and
// allocates 256 MiB of 64-byte objects. Run with GODEBUG=gctrace=1 and
// GOGC=50/100/200/off (see regen.sh); the output files are test data.
package main

import (
	"fmt"
	"os"
	"runtime"
)

type node struct {
	next *node
	pad  [7]uint64
}

var live []*node
var sink *node

func main() {
	live = make([]*node, 0, 150000)
	for i := 0; i < 150000; i++ { // 150000 * 64 B ~ 9 MiB
		live = append(live, &node{})
	}
	for i := 0; i < 4<<20; i++ { // 4 Mi * 64 B = 256 MiB
		sink = &node{}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "cycles %d\n", ms.NumGC)
}
