package main

var keep string

func main() {
	a := "go"
	b := "pher"
	c := a + b
	keep = a + "!"
	println(c, keep)
}
