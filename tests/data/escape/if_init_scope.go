package main

type T struct{ a int }

var g *T

func find(k int) *T {
	if t := (&T{a: k}); k > 2 {
		return t
	}
	return nil
}

func main() {
	if p := find(3); p != nil {
		g = p
	}
	println(g.a)
}
