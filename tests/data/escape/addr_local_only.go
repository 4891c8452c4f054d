package main

type T struct{ a, b int }

func sum() int {
	t := T{a: 1, b: 2}
	p := &t
	return p.a + p.b
}

func main() {
	println(sum())
}
