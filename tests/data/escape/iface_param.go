package main

var sink interface{}

func keep(x interface{}) {
	sink = x
}

func look(x interface{}) bool {
	return x != nil
}

func main() {
	a := 1
	b := 2
	keep(a)
	println(look(b))
}
