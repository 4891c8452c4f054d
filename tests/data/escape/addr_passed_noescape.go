package main

func inc(p *int) {
	*p++
}

func main() {
	n := 1
	inc(&n)
	println(n)
}
