package main

var keep []*int

func main() {
	a := 1
	b := 2
	s := []*int{&a}
	s[0] = &b
	keep = s
	println(*keep[0])
}
