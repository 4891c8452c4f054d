package main

type T struct{ a int }

var g *T

func main() {
	keep := func(p *T) {
		g = p
	}
	look := func(p *T) int {
		return p.a
	}
	t := &T{a: 1}
	u := &T{a: 2}
	keep(t)
	println(look(u), g.a)
}
