package main

var sink any

func main() {
	x := 3
	y := 4
	sink = any(x)
	i := interface{}(y)
	println(i != nil, sink != nil)
}
