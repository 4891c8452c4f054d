package main

import "runtime"

type Flag struct{ on, dirty bool } // 2 B, no pointers: tiny allocator

type Node struct { // 16 B: size class 16, no waste
	next *Node
	val  int
}

type Msg struct { // 104 B: size class 112, 8 B wasted per object
	next *Msg
	body [96]byte
}

type Record struct { // 1000 B: size class 1024, 24 B wasted
	next *Record
	data [992]byte
}

type Image struct { // 5000 B: size class 5376, 3 per two-page span
	next   *Image
	pixels [4992]byte
}

type Blob struct { // 40000 B > 32 KiB: a large object, a span of its own
	data [40000]byte
}

var (
	f1, f2, f3     *Flag
	n1, n2         *Node
	m1, m2         *Msg
	r1             *Record
	i1, i2, i3, i4 *Image
	blob           *Blob
)

func main() {
	f1, f2, f3 = &Flag{}, &Flag{}, &Flag{} // packed into 16-byte tiny blocks
	n1, n2 = &Node{}, &Node{}
	m1, m2 = &Msg{}, &Msg{}
	r1 = &Record{}
	i1, i2, i3 = &Image{}, &Image{}, &Image{} // fill one span of class 5376
	i4 = &Image{}                             // a second span for the fourth
	blob = &Blob{}                            // 5 pages (40960 B) for 40000 B
	blob = nil
	runtime.GC() // the large object's span goes back to the heap whole
}
