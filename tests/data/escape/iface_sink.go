package main

var sink interface{}

type T struct{ a, b int }

func main() {
	x := 42
	t := T{a: 1}
	sink = x
	sink = t
	println(sink != nil)
}
