package main

type Inner struct{ p *int }

type Outer struct {
	in  Inner
	arr [2]int
}

var g *int

func main() {
	n := 3
	o := Outer{in: Inner{p: &n}}
	c := o
	g = c.in.p
	println(*g)
}
