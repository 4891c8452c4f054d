package main

type A struct{ b *B }
type B struct{ c *C }
type C struct{ v int }

var g *C

func main() {
	c := &C{v: 1}
	b := &B{c: c}
	a := &A{b: b}
	g = a.b.c
	println(g.v)
}
