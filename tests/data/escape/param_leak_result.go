package main

type T struct{ a int }

func first(p, q *T) *T {
	return p
}

func main() {
	x := &T{a: 1}
	y := &T{a: 2}
	println(first(x, y).a)
}
