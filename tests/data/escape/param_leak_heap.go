package main

type T struct{ a int }

var g *T

func keep(p *T) {
	g = p
}

func main() {
	keep(&T{a: 1})
	println(g.a)
}
