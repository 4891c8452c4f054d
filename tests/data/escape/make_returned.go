package main

func newBuf() []byte {
	return make([]byte, 32)
}

var keep []int

func main() {
	b := newBuf()
	keep = make([]int, 3)
	println(len(b), len(keep))
}
