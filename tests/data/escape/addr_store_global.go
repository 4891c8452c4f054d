package main

type T struct{ a int }

var g *T

func keep() {
	t := T{a: 2}
	g = &t
}

func main() {
	keep()
	println(g.a)
}
