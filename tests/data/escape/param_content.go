package main

type T struct{ p *int }

var g *int

func take(t *T) {
	g = t.p
}

func main() {
	n := 1
	t := &T{p: &n}
	take(t)
	println(*g)
}
