package main

type One struct{ p *int }

var sink interface{}

func main() {
	n := 1
	o := One{p: &n}
	sink = o
	println(sink != nil)
}
