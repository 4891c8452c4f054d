package main

type T struct {
	a   int
	arr [4]int
}

var g *int

func field() {
	var t T
	g = &t.a
}

func elem() {
	var t T
	g = &t.arr[2]
}

func main() {
	field()
	elem()
	println(*g)
}
