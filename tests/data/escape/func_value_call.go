package main

type T struct{ a int }

var g *T

func keep(t *T) {
	g = t
}

func main() {
	f := keep
	f(&T{a: 1})
	println(g.a)
}
