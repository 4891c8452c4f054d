package main

type Inner struct{ v *int }

type Outer struct {
	in   Inner
	arr  [2]Inner
	next *Outer
}

var g *Outer

func main() {
	a := 1
	b := 2
	o := Outer{}
	o.in.v = &a
	o.arr[1].v = &b
	g = &Outer{next: nil}
	println(*o.in.v + *o.arr[1].v)
}
