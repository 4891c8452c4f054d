package main

type T struct{ a int }

var g *T

func main() {
	ts := []*T{&T{a: 1}, &T{a: 2}}
	for _, t := range ts {
		g = t
	}
	sum := 0
	for i := range ts {
		sum += ts[i].a
	}
	println(sum, g.a)
}
