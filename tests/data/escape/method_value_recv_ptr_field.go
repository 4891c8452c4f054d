package main

type Box struct {
	p *int
}

var g *int

func (b Box) Keep() {
	g = b.p
}

func (b Box) Get() *int {
	return b.p
}

func main() {
	n := 1
	b := Box{p: &n}
	b.Keep()
	m := 2
	c := &Box{p: &m}
	println(*c.Get(), *g)
}
