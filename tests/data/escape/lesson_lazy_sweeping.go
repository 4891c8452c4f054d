package main

type Block struct {
	next *Block
	data [1016]byte
} // 1 KiB: size class 1024, 8 per one-page span

type Page struct {
	next *Page
	data [2040]byte
} // 2 KiB: size class 2048, 4 per one-page span

type Table struct {
	a, b, c [8]*Block
	p       [8]*Page
	d       [8]*Block
}

var t *Table

func main() {
	t = new(Table) // span 0
	for i := 0; i < 8; i++ {
		t.a[i] = new(Block) // span 1
	}
	for i := 0; i < 8; i++ {
		t.b[i] = new(Block) // span 2
	}
	for i := 0; i < 8; i++ {
		t.c[i] = new(Block) // span 3
	}
	for i := 0; i < 8; i++ {
		t.p[i] = new(Page) // spans 4 and 5
	}
	for i := 0; i < 8; i++ {
		t.a[i] = nil // span 1: all eight blocks die
	}
	for i := 0; i < 4; i++ {
		t.b[i] = nil // span 2: half of its blocks die
		t.p[i] = nil // span 4: all four pages die
	}
	// a GC cycle runs here (the script starts it): nothing is swept yet
	for i := 0; i < 6; i++ {
		t.d[i] = new(Block) // needs a free 1 KiB slot: sweeps a span of that class first
	}
}
