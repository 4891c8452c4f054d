package main

type T struct{ a int }

var sink any

func main() {
	p := &T{a: 1}
	sink = p
	q := &T{a: 2}
	var i any = q
	println(i != nil, sink != nil)
}
