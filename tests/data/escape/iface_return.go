package main

func box(n int) interface{} {
	return n
}

func main() {
	v := box(3)
	println(v.(int))
}
