package main

type T struct{ a int }

var g *T

func unbox(i interface{}) {
	g = i.(*T)
}

func main() {
	t := &T{a: 5}
	unbox(t)
	println(g.a)
}
