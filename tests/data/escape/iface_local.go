package main

func main() {
	x := 7
	var i interface{} = x
	n := i.(int)
	println(n)
}
