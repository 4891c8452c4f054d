package main

type T struct{ a int }

func swap(a, b *T) (*T, *T) {
	return b, a
}

func main() {
	x, y := swap(&T{a: 1}, &T{a: 2})
	println(x.a, y.a)
}
