package main

type T struct{ a int }

var g *T

func main() {
	f := func(p *T) int { return p.a }
	if g == nil {
		f = func(p *T) int { g = p; return 0 }
	}
	t := &T{a: 1}
	println(f(t))
}
