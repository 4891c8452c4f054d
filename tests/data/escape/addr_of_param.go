package main

var g *int

func keep(n int) {
	g = &n
}

func look(n int) int {
	p := &n
	return *p
}

func main() {
	keep(4)
	println(*g, look(5))
}
