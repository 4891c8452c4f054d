package main

type T struct{ a, b int }

func newT() *T {
	t := T{a: 1}
	return &t
}

func main() {
	p := newT()
	println(p.a)
}
