package main

type T struct{ a int }

var g *T

func main() {
	arr := [3]*T{&T{a: 1}, &T{a: 2}, &T{a: 3}}
	for _, t := range arr {
		g = t
	}
	parr := &arr
	for i := range parr {
		println(parr[i].a)
	}
}
