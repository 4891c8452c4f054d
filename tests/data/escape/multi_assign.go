package main

type T struct{ a int }

var g1, g2 *T

func main() {
	x, y := &T{a: 1}, &T{a: 2}
	g1, g2 = x, nil
	z := &T{a: 3}
	y, z = z, y
	println(g1.a, y.a, z.a)
}
