package main

type T struct{ a int }

var g *T

func main() {
	ts := []T{{a: 1}, {a: 2}}
	for i := range ts {
		g = &ts[i]
	}
	for _, t := range ts {
		t.a++
	}
	println(g.a)
}
