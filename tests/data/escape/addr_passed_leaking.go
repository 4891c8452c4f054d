package main

var g *int

func keep(p *int) {
	g = p
}

func main() {
	n := 1
	keep(&n)
	println(*g)
}
