package main

func id(p *int) *int {
	return p
}

var g *int

func main() {
	a := 1
	b := 2
	q := id(&a)
	g = id(&b)
	println(*q, *g)
}
