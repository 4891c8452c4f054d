package main

var sink interface{}

func main() {
	sink = 5
	sink = "hello"
	sink = true
	println(sink != nil)
}
