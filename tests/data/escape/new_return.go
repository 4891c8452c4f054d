package main

func newInt() *int {
	return new(int)
}

func main() {
	p := newInt()
	q := new(int)
	*q = 5
	println(*p + *q)
}
