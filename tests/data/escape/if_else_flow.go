package main

type T struct{ a int }

var g *T

func choose(c bool) int {
	x := &T{a: 1}
	y := &T{a: 2}
	if c {
		g = x
	} else {
		g = nil
	}
	return y.a
}

func main() {
	println(choose(true), choose(false))
}
